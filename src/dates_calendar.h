/*
 * dates_calendar.h - calendar arithmetic for the date annotator
 * (proleptic Gregorian, any year): day numbers, weekdays, ISO weeks,
 * adding days and months, Easter.
 */
#ifndef ANN_DATES_CALENDAR_H
#define ANN_DATES_CALENDAR_H

int tx_leap(int y);
int tx_mdays(int y, int m);                 /* days in month m of year y */
long tx_days(int y, int m, int d);          /* days since 1970-01-01 */
void tx_civil(long days, int *y, int *m, int *d);
int tx_weekday(int y, int m, int d);        /* 1 = Monday .. 7 = Sunday */
void tx_isoweek(int y, int m, int d, int *wy, int *wn);
void tx_add_days(int *y, int *m, int *d, long n);
/* Add n months; the day is clamped to the new month ("Jan 31" + 1 month
 * is Feb 28 or 29), as every calendar library does. */
void tx_add_months(int *y, int *m, int *d, long n);
void tx_easter(int y, int *m, int *d);      /* Western (Gregorian) Easter */

#endif
