from piccolo.columns import Serial, Varchar
from piccolo.table import Table


class Entity(Table):
    """A State, organization or UN entity that can send a delegation."""

    id = Serial(primary_key=True)
    short_name = Varchar(length=200, unique=True)
    name = Varchar(length=300)
    category = Varchar(length=20, index=True)
    iso_code = Varchar(length=3, null=True, default=None, unique=True)
    regional_group = Varchar(length=30, null=True, default=None)
