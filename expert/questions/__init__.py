"""Questions about an answer: why not (``why_not``), what if (``what_if``) and what would change
it (``counterfactuals``), all reading it through ``protocol.Answer``. ``why`` itself is generic
and lives in ``explain.why``."""
