from django.apps import AppConfig


class WorkflowsConfig(AppConfig):
    name = "workflows"
    verbose_name = "Processus"

    def ready(self):
        from anymail.signals import tracking

        from workflows.emails import record_tracking

        tracking.connect(record_tracking, dispatch_uid="outbox-tracking")
