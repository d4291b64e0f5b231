"""Abstract pieces shared by exam and interview models."""

from __future__ import annotations

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class RoundingChoice(models.TextChoices):
    """RP-02: how a score is rounded when formed."""

    HALF_UP = "half_up", _("四舍五入")
    TRUNCATE = "truncate", _("不按四舍五入取舍（截尾）")


class RoundingFields(models.Model):
    """RP-02 settings of a stage: places and mode (default 2 places, half up)."""

    rounding_places = models.PositiveSmallIntegerField(
        _("保留小数位数"), default=2, validators=[MaxValueValidator(6)]
    )
    rounding_mode = models.CharField(
        _("取舍方式"), max_length=10, choices=RoundingChoice.choices, default=RoundingChoice.HALF_UP
    )

    class Meta:
        abstract = True

    @property
    def rounding(self):
        from kaoping.scoring.decimals import Rounding

        return Rounding(places=min(self.rounding_places, 10), mode=self.rounding_mode)
