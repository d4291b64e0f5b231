"""DESIGN "Anonymity and blindness": ballot rows lead to no credential, person or user; no timestamps;
random keys."""

import uuid

from django.contrib.auth import get_user_model
from django.db import models

from kaoping.ballots.models import Ballot, BallotChoice, Credential
from kaoping.org.models import Person

FORBIDDEN = {Credential, Person, get_user_model()}
BALLOT_MODELS = (Ballot, BallotChoice)


def _reachable(model, seen=None):
    """Models reachable through forward relations (FK / one-to-one / many-to-many) only."""
    seen = seen if seen is not None else set()
    for field in model._meta.get_fields():
        if field.is_relation and field.concrete and field.related_model not in seen:
            seen.add(field.related_model)
    return seen


def test_ballot_models_have_no_relation_to_credential_person_or_user():
    for model in BALLOT_MODELS:
        direct = {f.related_model for f in model._meta.get_fields() if f.is_relation and f.concrete}
        assert not direct & FORBIDDEN, (model, direct & FORBIDDEN)
        names = {f.name for f in model._meta.get_fields()}
        assert not names & {"credential", "code", "code_hash", "token", "ip", "user_agent", "person", "user"}


def test_ballot_models_have_no_timestamps():
    for model in BALLOT_MODELS:
        for field in model._meta.concrete_fields:
            assert not isinstance(field, (models.DateTimeField, models.DateField, models.TimeField)), field


def test_ballot_models_have_random_uuid4_keys():
    for model in BALLOT_MODELS:
        pk = model._meta.pk
        assert isinstance(pk, models.UUIDField) and pk.default is uuid.uuid4
        assert not isinstance(pk, models.AutoField)


def test_credential_has_no_relation_to_person_or_ballot():
    related = {f.related_model for f in Credential._meta.get_fields() if f.is_relation}
    assert not related & {Ballot, BallotChoice, Person, get_user_model()}
    assert not {f.name for f in Credential._meta.concrete_fields} & {"code", "plaintext"}
