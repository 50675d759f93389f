"""One consultation: run the rules on a profile (``consult``), resolve the single-answer kinds,
keep the provenance (``provenance``), and report what stands (``recommendation``)."""
