"""Standards development: how a standard changes, is extended, released and attested.

One module per concern: `diff` (what changed between two versions and the bump it needs),
`lifecycle` (statuses, dates and transitions), `scaffold` (a new standard), `release` (the checks
that let a version be released), `extensions` (extensions and profiles of a standard), `upgrade`
(migrations from one major version to the next), `statements` (conformance statements) and
`typescript` (the TypeScript types of the published schemas).
"""
