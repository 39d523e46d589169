"""planner: families co-plan their own home with the municipality and the contractor."""

__version__ = "0.1.0"
