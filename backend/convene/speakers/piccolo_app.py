from piccolo.conf.apps import AppConfig

from convene.settings import PROJECT_ROOT
from convene.speakers.tables import (
    SoundCheck,
    SpeakerEntry,
    SpeakerList,
    SpeakerListNews,
    SpeakingTimes,
)

APP_CONFIG = AppConfig(
    app_name="speakers",
    migrations_folder_path=str(PROJECT_ROOT / "migrations" / "speakers"),
    table_classes=[SpeakingTimes, SpeakerList, SpeakerEntry, SoundCheck, SpeakerListNews],
    migration_dependencies=["convene.presence.piccolo_app", "convene.agenda.piccolo_app"],
)
