"""Running rules: the only room that imports experta.

``compat`` imports experta safely, ``experta_types`` maps facts and premises to experta's,
``rete`` is the matcher, ``recording`` the engine that records each firing (``firing``), and
``evaluator`` runs the same rules without Rete for many small working memories.
"""
