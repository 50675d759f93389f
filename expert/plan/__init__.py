"""The plan: where the applicant stands in the cycle, and the recommendations as dated,
prioritised steps, made by the plan rules so that each step is explained like any answer."""
