"""dslint's built-in rules: one module per rule (see the rule reference in docs/rules)."""
