"""Preliminary and transitional-year backups (``knowledge_base.rules.backup``, the
``prelim_backup`` decision table), on the documents' sections."""

from __future__ import annotations

from expert import advise
from tests.conftest import profile


def test_surgery_prelim_bridge():
    """safety_nets '7. Using Prelim and Transitional Years As Deliberate Safety Nets'."""
    backup = advise(profile("general_surgery", 228))["prelim_backup"]
    assert backup.value == {"recommended": True, "tracks": ["prelim_im", "prelim_surgery"]}
    assert backup.strength == "should"

def test_pmr_prelim_or_ty_backup():
    """pmr 'Considering a Transitional or Preliminary Year'."""
    backup = advise(profile("pmr", 208))["prelim_backup"].value
    assert backup == {"recommended": True, "tracks": ["prelim_im", "transitional_year"]}

def test_safety_nets_faq_under_220():
    """safety_nets FAQ 1: under 220, lean on IMG-heavy IM/FM and be ready for a fallback."""
    advice = advise(profile("internal_medicine", 216))
    assert advice["prelim_backup"].value == {"recommended": True, "tracks": ["prelim_im"]}
    assert advice["apply_count"].value["min"] == 80


def test_med_psych_unmatched_is_not_sent_to_a_prelim_year_without_the_documents_caveat():
    """med_psych § If You Don't Match and § Step 2: Consider Parallel or Stepping-Stone
    Pathways: a prelim medicine year rarely leads into Med-Psych; the categorical path first.
    The same applicant before going unmatched is told the same."""
    base = {"specialty": "med_psych", "step1": {"result": "pass"}, "step2ck": {"score": 225}}
    for phase in ("preparing", "unmatched"):
        backup = advise({**base, "phase": phase})["prelim_backup"]
        assert backup.value["recommended"] is False, phase
        assert backup.strength == "caution" and "mentor" in backup.summary, phase
    other = advise({**base, "specialty": "internal_medicine", "phase": "unmatched"})
    assert other["prelim_backup"].value["recommended"] is True
