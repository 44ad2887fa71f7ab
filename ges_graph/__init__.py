"""ges-graph: model, check, classify and draw Groupes Économiques Solidaires."""
