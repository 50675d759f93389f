"""Score bands (``knowledge_base.rules.scores``): each document's Step 2 CK scale at its edges."""

from __future__ import annotations

import pytest

from expert import advise
from tests.conftest import profile


def bands(advice):
    return {r.value["exam"]: (r.value["band"], r.value["scale"]) for r in advice.all("score_band")}


@pytest.mark.parametrize("score, band", [(205, "low"), (209, "low"), (210, "borderline"),
                                         (224, "borderline"), (225, "average")])
def test_pmr_scale(score, band):
    """pmr, 'What Is “Low” in the PM&R Context?': below 210 low, 210–220 borderline, mid-220s ok."""
    assert bands(advise(profile("pmr", score)))["step2ck"] == (band, "pmr")

@pytest.mark.parametrize("score, band", [(219, "very_low"), (220, "low"), (229, "low"),
                                         (230, "borderline"), (244, "borderline"),
                                         (245, "strong"), (262, "strong")])
def test_med_psych_scale(score, band):
    """med_psych, 'What Counts as “Low” for Med‑Psych?'."""
    assert bands(advise(profile("med_psych", score)))["step2ck"] == (band, "med_psych")

@pytest.mark.parametrize("score, band", [(218, "very_low"), (224, "low"), (225, "borderline"),
                                         (234, "borderline"), (235, "average"), (240, "strong")])
def test_general_scale(score, band):
    """state_univ and safety_nets Step 2 CK bands, reconciled (docs/knowledge-base.md)."""
    assert bands(advise(profile("psychiatry", score)))["step2ck"] == (band, "general_img")
