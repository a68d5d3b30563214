/*
 * dates_calendar.c - calendar arithmetic for the date annotator.  Day numbers
 * follow Howard Hinnant's days_from_civil, exact for every Gregorian date,
 * so month lengths, leap years and ISO weeks need no tables.
 */
#include "dates_calendar.h"

int tx_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int tx_mdays(int y, int m)
{
    static const int len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 31;
    return m == 2 && tx_leap(y) ? 29 : len[m - 1];
}

long tx_days(int y, int m, int d)
{
    long yy = (long)y - (m <= 2);
    long era = (yy >= 0 ? yy : yy - 399) / 400;
    long yoe = yy - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void tx_civil(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

int tx_weekday(int y, int m, int d)
{
    long z = tx_days(y, m, d);          /* 1970-01-01 was a Thursday (4) */
    long w = (z % 7 + 7 + 3) % 7;       /* 0 = Monday */
    return (int)w + 1;
}

/* ISO 8601: weeks start on Monday; week 1 holds the year's first Thursday. */
void tx_isoweek(int y, int m, int d, int *wy, int *wn)
{
    long z = tx_days(y, m, d);
    long thursday = z - tx_weekday(y, m, d) + 4;
    int ty, tm, td;
    tx_civil(thursday, &ty, &tm, &td);
    *wy = ty;
    *wn = (int)((thursday - tx_days(ty, 1, 1)) / 7 + 1);
}

void tx_add_days(int *y, int *m, int *d, long n)
{
    tx_civil(tx_days(*y, *m, *d) + n, y, m, d);
}

void tx_add_months(int *y, int *m, int *d, long n)
{
    long t = (long)*y * 12 + (*m - 1) + n;
    long ny = t >= 0 ? t / 12 : -((-t + 11) / 12);
    *y = (int)ny;
    *m = (int)(t - ny * 12) + 1;
    int len = tx_mdays(*y, *m);
    if (*d > len)
        *d = len;
}

/* Anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
void tx_easter(int y, int *m, int *d)
{
    int a = y % 19, b = y / 100, c = y % 100, e = b / 4, f = b % 4;
    int g = (b + 8) / 25, h = (19 * a + b - e - (b - g + 1) / 3 + 15) % 30;
    int i = c / 4, k = c % 4, l = (32 + 2 * f + 2 * i - h - k) % 7;
    int mm = (a + 11 * h + 22 * l) / 451;
    *m = (h + l - 7 * mm + 114) / 31;
    *d = (h + l - 7 * mm + 114) % 31 + 1;
}
