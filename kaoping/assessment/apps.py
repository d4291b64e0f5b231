from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "kaoping.assessment"
    label = "assessment"
    verbose_name = _("目标考核")
