"""The admin's tutorial editor (issue #20): list, form, live preview, plain-language check."""
