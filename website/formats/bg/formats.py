# "17 февруари 2027 г., 18:00 ч.": month in lower case (the catalogue in locale/bg
# overrides Django's capitalised month names), 24-hour time, grouped thousands.
DATE_FORMAT = r"j E Y \г."
TIME_FORMAT = r"H:i \ч."
DATETIME_FORMAT = r"j E Y \г., H:i \ч."
YEAR_MONTH_FORMAT = r"F Y \г."
MONTH_DAY_FORMAT = "j E"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = r"d.m.Y, H:i \ч."
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\u00a0"
NUMBER_GROUPING = 3
