"""Reading IRCC's forward-looking processing times (``flpt-en.json``) into an edition.

``read`` is a pure function from the body IRCC serves to one edition's figures, each kept
beside its words as published; words never seen and keys that do not read are named in
``problems`` (logged, never guessed). A body that is not such a document raises
``jobs.source.Unreadable`` with the reason.
"""
