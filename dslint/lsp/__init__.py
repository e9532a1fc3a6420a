"""The parts of `dslint server` (the language server is wired together in dslint.server).

- text: positions as LSP clients count them, and edits applied to an open document;
- documents: the open documents and their versions;
- settings: editor settings, and the linter each document is checked with;
- linting: one lint of one document version, off the event loop, reusing unchanged documents;
- actions: code actions (fixes, suppression comments, fix all);
- fields: what Kubernetes does with a field, shown on hover.

Needs the `lsp` extra (pygls and lsprotocol).
"""
