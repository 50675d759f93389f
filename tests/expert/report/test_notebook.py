"""The advice and the answers about it in a real notebook: executed by nbclient on an IPython
kernel of this interpreter, each cell's output carries HTML with the answer in it, escaped."""

from __future__ import annotations

import json
import sys
from html import escape

import pytest

from expert import advise
from expert.examples import example_profile
from expert.report.text_view import for_whom, headline

KERNEL = "img-advisor-test"
"""A kernel of our own, written into the test's directory: no user's ``python3`` kernel, which
may run another interpreter, can be picked instead."""

HOSTILE = "<script>alert(1)</script>\x1b[31mRed"
"""A program name that tries markup and a terminal escape."""

SETUP = f"""\
import attrs
from expert import advise
from expert.examples import example_profile, example_programs
advice = advise(example_profile("state_univ_sample"))
programs = list(example_programs("programs_example"))
programs[0] = attrs.evolve(programs[0], name={HOSTILE!r})
reviewed = advise(example_profile("state_univ_sample"), programs=programs)"""

SHOWN = ["advice", "advice.plan", 'advice.why("step3")', 'advice.why_not("step3=not_needed")',
         "advice.what_if(step2ck=240)", 'advice.counterfactuals("step3")', "reviewed.programs",
         "reviewed.programs[0]"]


def _modules():
    """nbformat and nbclient, or a failure saying how to install them (never a skip: a test
    that cannot run must say so)."""
    try:
        import nbclient
        import nbformat
        from nbclient.exceptions import CellExecutionError
    except ImportError as error:
        pytest.fail(f"{error}: the notebook test needs the test extra "
                    "(pip install -e '.[test]': nbformat, nbclient, ipykernel)")
    return nbformat, nbclient, CellExecutionError


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """The notebook, executed: each cell's outputs by the code it ran."""
    nbformat, nbclient, CellExecutionError = _modules()
    home = tmp_path_factory.mktemp("notebook")
    spec = home / "jupyter" / "kernels" / KERNEL
    spec.mkdir(parents=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    (spec / "kernel.json").write_text(json.dumps(
        {"argv": argv, "display_name": "img-advisor tests", "language": "python"}))

    cells = ["import sys\nprint(sys.executable)", SETUP, *SHOWN]
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    notebook.metadata["kernelspec"] = {"name": KERNEL, "display_name": "img-advisor tests",
                                       "language": "python"}
    client = nbclient.NotebookClient(notebook, kernel_name=KERNEL, timeout=120,
                                     startup_timeout=60,
                                     resources={"metadata": {"path": str(home)}})
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JUPYTER_PATH", str(home / "jupyter"))
        try:
            client.execute()
        except CellExecutionError:
            raise  # a cell failed: its traceback says why
        except Exception as error:
            pytest.fail(f"the notebook's kernel ({' '.join(argv[:3])}) did not start or did "
                        f"not answer: {type(error).__name__}: {error}")
    nbformat.validate(notebook)
    (home / "advice.ipynb").write_text(nbformat.writes(notebook), "utf-8")
    return {cell.source: cell.outputs for cell in notebook.cells}


def _html(executed, code: str) -> str:
    results = [out for out in executed[code] if out.output_type == "execute_result"]
    assert len(results) == 1, executed[code]
    assert "text/html" in results[0].data, results[0].data.keys()
    return results[0].data["text/html"]


def test_the_kernel_is_this_interpreter(executed):
    printed = "".join(out.text for out in executed["import sys\nprint(sys.executable)"]
                      if out.output_type == "stream")
    assert printed.strip() == sys.executable


def test_every_answer_shows_as_html(executed):
    for code in SHOWN:
        assert _html(executed, code).startswith(("<div>", "<table>")), code


def test_the_html_carries_the_answers(executed):
    advice = advise(example_profile("state_univ_sample"))
    expected = {
        "advice": [for_whom(advice), headline(advice["step3"]), headline(advice["outlook"]),
                   advice.plan[0].title],
        "advice.plan": [step.title for step in advice.plan],
        'advice.why("step3")': ["Why step3 = take", "step3.both_scores_low_with_time"],
        'advice.why_not("step3=not_needed")': ["Why not step3 = not_needed?",
                                               "step3.not_required"],
        "advice.what_if(step2ck=240)": ["What if step2ck = 240?", "Not needed before applying"],
        'advice.counterfactuals("step3")': ["What would change step3?",
                                            "Step 2 CK score 235 instead of 224"],
        "reviewed.programs": ["14 programs: ", "Harbor Point Medical Center (fictional)"],
        "reviewed.programs[0]": ["safety", "programs.safety.j1"],
    }
    for code, texts in expected.items():
        html = _html(executed, code)
        for text in texts:
            assert escape(text) in html, (code, text)


def test_a_hostile_program_name_shows_escaped(executed):
    shown = escape("<script>alert(1)</script>\\x1b[31mRed")
    for code in ("reviewed.programs", "reviewed.programs[0]"):
        html = _html(executed, code)
        assert shown in html, code
        assert "<script>" not in html and "\x1b" not in html, code

