using System.Globalization;

namespace MonitoringSre.Model;

/// <summary>
/// calendar: the period is calendar-aligned (OpenSLO's calendar time window): periods of the spec's length follow each
/// other from <see cref="Start"/>, a wall-clock time in <see cref="Zone"/>. The burn-rate alerts stay rolling; the SLO
/// docs, the release gate and its report read the current calendar period.
/// </summary>
/// <param name="Start">The first period's start, as the spec writes it: local time in <see cref="Zone"/>.</param>
/// <param name="Months">Periods of this many calendar months instead of <paramref name="PeriodDays"/> days, or 0.</param>
public sealed record CalendarPeriod(DateTime Start, TimeZoneInfo Zone, int PeriodDays, int Months = 0)
{
    /// <summary>The start of the period <paramref name="now"/> falls in; periods start at the same wall-clock time, across DST changes.</summary>
    public DateTimeOffset CurrentStart(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, Zone).DateTime;
        DateTime start;
        if (Months > 0)
        {
            var months = ((local.Year - Start.Year) * 12) + local.Month - Start.Month;
            var periods = (int)Math.Floor(months / (double)Months);
            start = Start.AddMonths(periods * Months);
            if (start > local)
            {
                // Counted from the first start, so a period from the 31st starts on the 31st wherever a month has one.
                start = Start.AddMonths((periods - 1) * Months);
            }
        }
        else
        {
            start = Start.AddDays(Math.Floor((local - Start).TotalDays / PeriodDays) * PeriodDays);
        }

        return new DateTimeOffset(start, Zone.GetUtcOffset(start));
    }

    /// <summary>How docs name it: "calendar periods of 7 days from 2022-01-01 12:00 (America/New_York)".</summary>
    public string Describe() =>
        $"calendar periods of {(Months > 0 ? Months.ToString(CultureInfo.InvariantCulture) + (Months == 1 ? " month" : " months") : PeriodDays.ToString(CultureInfo.InvariantCulture) + " days")} from {Start.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} ({Zone.Id})";
}
