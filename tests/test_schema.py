"""The JSON Schemas are generated from the model; the committed copies must not drift."""
import dataclasses
import json
from pathlib import Path

import jsonschema
import pytest

from evkb.model import records as model
from evkb.model.schema import schema_for

SCHEMAS = Path(__file__).parent.parent / "docs" / "schemas"


@pytest.mark.parametrize("kind", sorted(model.RECORD_KINDS))
def test_committed_schema_matches_model(kind):
    committed = json.loads((SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8"))
    assert committed == schema_for(kind), f"run: evkb schema {kind} --out docs/schemas"


@pytest.mark.parametrize("kind", sorted(model.RECORD_KINDS))
def test_schema_is_valid_draft_07(kind):
    jsonschema.Draft7Validator.check_schema(schema_for(kind))


@pytest.mark.parametrize("kind", sorted(model.RECORD_KINDS))
def test_every_model_field_is_in_the_schema_and_documented(kind):
    cls = model.RECORD_KINDS[kind]
    props = schema_for(kind)["properties"]
    for f in dataclasses.fields(cls):
        assert f.name in props
        assert props[f.name].get("description"), f"{cls.__name__}.{f.name} has no doc"


def test_records_doc_names_every_claim_and_finding_field():
    text = (Path(__file__).parent.parent / "docs" / "records.md").read_text(encoding="utf-8")
    for cls in (model.Claim, model.Finding, model.FindingsRecord, model.Media, model.Source, model.Sighting):
        for f in dataclasses.fields(cls):
            assert f"`{f.name}`" in text or f"{f.name}:" in text, f"{cls.__name__}.{f.name} missing from docs/records.md"


@pytest.mark.parametrize("kind", ["claim", "findings", "media"])
def test_compiled_validators_match_the_model(kind):
    from evkb.load.compiled.__main__ import source
    committed = (Path(__file__).parent.parent / "scripts" / "evkb" / "load" / "compiled" / f"{kind}.py").read_text(encoding="utf-8")
    assert committed == source(kind), "run: python -m evkb.compiled"
