from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    name = "kaoping.common"
    verbose_name = _("公共")

    def ready(self) -> None:
        from kaoping import checks  # noqa: F401  (registers the system checks)
        from kaoping.celery import app  # noqa: F401  (so .delay() in web processes uses CELERY_BROKER_URL)
