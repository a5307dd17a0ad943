"""The kiosk's modes: one per kind of person (citizen, mediator, admin), hosted by the shell."""
