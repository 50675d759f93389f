"""Reading and checking inputs: profiles (``profiles``), program lists (``program_lists``), the
text they come in (``text``), and the JSON Schemas of both (``schema``)."""
