"""Extract stage: sentences, triggers, numbers, attribution and reports from article text."""
