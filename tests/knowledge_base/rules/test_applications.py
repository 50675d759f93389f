"""How many programs to apply to (``knowledge_base.rules.applications``, the ``apply_count``
decision table), on the documents' FAQ answers."""

from __future__ import annotations

from expert import advise
from tests.conftest import profile


def test_pmr_faq_sixty_to_eighty_programs():
    """pmr FAQ 3: at least 60–80 PM&R programs with below-average scores."""
    count = advise(profile("pmr", 208))["apply_count"].value
    assert (count["min"], count["max"]) == (60, 80)

def test_med_peds_dual_application():
    """med_peds '2. Apply Broadly and Intelligently': Med-Peds plus categorical IM/Peds."""
    advice = advise(profile("med_peds", 222))
    parts = {p["track"]: p for p in advice["apply_count"].value["parts"]}
    assert parts["med_peds"]["scope"] == "all_realistic"
    assert parts["internal_medicine_or_pediatrics"]["scope"] == "count"
    assert advice["prelim_backup"].value["recommended"] is False

def test_state_univ_faq_core_specialty_range():
    """state_univ FAQ 4: 60–120 programs for core specialties."""
    count = advise(profile("neurology", 228))["apply_count"].value
    assert (count["min"], count["max"]) == (60, 120)

def test_off_table_specialty_redirects():
    """safety_nets '2. The IMG-Friendly Sweet Spot': derm, ortho ... not with low scores."""
    advice = advise(profile("dermatology", 229))
    parts = advice["apply_count"].value["parts"]
    assert [p["track"] for p in parts] == ["internal_medicine_or_family_medicine"]
    assert "dermatology" in advice["apply_count"].summary
    assert advice["prelim_backup"].value["recommended"] is True

def test_scenario_b_most_of_the_list_im_fm():
    """safety_nets 'Scenario B': Step 2 CK under 225 in psychiatry: IM/FM safeties and a handful
    of psychiatry; apply_count and parallel_plan say the same."""
    advice = advise(profile("psychiatry", 221))
    parts = {p["track"]: p for p in advice["apply_count"].value["parts"]}
    assert parts["internal_medicine_or_family_medicine"]["min"] == 80
    assert parts["psychiatry"]["scope"] == "a_few"
    assert advice.all("parallel_plan")[0].value["emphasis"] == "parallel"
