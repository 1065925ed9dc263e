"""The registry of participating entities: States, organizations, UN entities."""
