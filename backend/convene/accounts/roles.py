"""The roles a signed-in person can hold."""

import enum


class Role(str, enum.Enum):
    SECRETARIAT = "secretariat"
    FOCAL_POINT = "focal_point"
    DELEGATE = "delegate"
    INTERPRETER = "interpreter"
    """Reads the written statements speakers attach, before delivery; nothing else."""
