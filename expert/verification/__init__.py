"""Checking the knowledge base: the monotonicity of answers (``monotonicity``), a sweep of
profiles through the rules (``sweep``), and the report ``kb check`` prints (``kb_check``)."""
