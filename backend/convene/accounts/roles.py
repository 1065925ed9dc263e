"""The roles a signed-in person can hold."""

import enum


class Role(str, enum.Enum):
    SECRETARIAT = "secretariat"
    FOCAL_POINT = "focal_point"
    DELEGATE = "delegate"
