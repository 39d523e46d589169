"""The plan and plot editor's JSON API: apply one edit, check it, answer; save the result; restore."""
