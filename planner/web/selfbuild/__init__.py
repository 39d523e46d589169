"""Self-build work (egeninnsats) in the web app: the family proposes tasks, the contractor decides."""
