"""Passwords are hashed at RFC 9106's cost wherever people sign in; only the test suite hashes cheaply."""

from __future__ import annotations

import pytest
from argon2 import extract_parameters, profiles

from convene.accounts.passwords import hasher_for, verify_password
from convene.settings import PasswordHashing, Settings

PASSWORD = "correct horse battery staple"


def settings_for(environment: str) -> Settings:
    return Settings.from_env({"CONVENE_ENV": environment, "SECRET_KEY": "not-a-real-key"})


@pytest.mark.parametrize("environment", ["production", "development"])
def test_outside_tests_a_password_costs_what_rfc_9106_recommends(environment: str) -> None:
    settings = settings_for(environment)
    assert settings.password_hashing is PasswordHashing.STRONG
    made = extract_parameters(hasher_for(settings.password_hashing).hash(PASSWORD))
    assert made == profiles.RFC_9106_LOW_MEMORY
    assert (made.time_cost, made.memory_cost, made.parallelism) == (3, 64 * 1024, 4)


def test_the_test_environment_hashes_with_argons_cheapest_parameters() -> None:
    settings = settings_for("test")
    assert settings.password_hashing is PasswordHashing.CHEAPEST
    made = extract_parameters(hasher_for(settings.password_hashing).hash(PASSWORD))
    assert made == profiles.CHEAPEST


@pytest.mark.parametrize("made_with", list(PasswordHashing))
def test_a_hash_made_at_either_cost_still_verifies(made_with: PasswordHashing) -> None:
    stored = hasher_for(made_with).hash(PASSWORD)
    assert verify_password(stored, PASSWORD)
    assert not verify_password(stored, PASSWORD + "!")
    for hashing in PasswordHashing:
        assert hasher_for(hashing).verify(stored, PASSWORD)
