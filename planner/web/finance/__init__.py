"""The financing plan in the web app: cost, start loan and construction loan, the monthly cost."""
