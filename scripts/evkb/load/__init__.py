"""Stage 2, load: files on disk -> a `KnowledgeBase` of located records.

Owns YAML composition with positions (`yamlnodes`), BibTeX (`bibtex`), schema validation
(`validate`, with the generated validators in `compiled/`), vocabulary files
(`vocabulary`), one file's parse (`parse`), the loaded base and its indexes (`kb`) and
the whole load (`loader`). Speed machinery is in `speed/`: the parse cache, the forked
parallel parse and its helpers. Nothing here judges a record; problems become located
tuples handed to the engine.

May import: evkb.model.
"""
