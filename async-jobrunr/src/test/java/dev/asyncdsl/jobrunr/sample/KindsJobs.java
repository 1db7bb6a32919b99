package dev.asyncdsl.jobrunr.sample;

import dev.asyncdsl.AsyncMethod;
import dev.asyncdsl.jobrunr.DurableContext;
import dev.asyncdsl.jobrunr.DurableHandler;
import dev.asyncdsl.jobrunr.DurableJobs;
import dev.asyncdsl.jobrunr.DurableMethod;
import dev.asyncdsl.jobrunr.DurableRequest;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jobrunr.jobs.JobId;

/** Shaped as the processor generates it for {@link Kinds}. */
public final class KindsJobs {
  public static final DurableMethod EVERYTHING_METHOD =
      DurableMethod.of(
          AsyncMethod.of(
              "dev.asyncdsl.jobrunr.sample.Kinds",
              "everything",
              "everything(int, long, double, float, boolean, char, byte, short, Integer, String, Color, UUID, BigDecimal, BigInteger, Instant, LocalDate, LocalTime, LocalDateTime, OffsetDateTime, ZonedDateTime, Duration, Period, Line, List, Set, Collection, Map, Map, Map, int[], String[], Line[])"),
          10,
          "");

  private KindsJobs() {}

  public static JobId everything(
      int anInt,
      long aLong,
      double aDouble,
      float aFloat,
      boolean aBoolean,
      char aChar,
      byte aByte,
      short aShort,
      Integer boxed,
      String string,
      Kinds.Color color,
      UUID uuid,
      BigDecimal decimal,
      BigInteger integer,
      Instant instant,
      LocalDate date,
      LocalTime time,
      LocalDateTime dateTime,
      OffsetDateTime offsetDateTime,
      ZonedDateTime zonedDateTime,
      Duration duration,
      Period period,
      Kinds.Line line,
      List<Kinds.Line> lines,
      Set<String> tags,
      Collection<Integer> counts,
      Map<String, Kinds.Line> byName,
      Map<Kinds.Color, Integer> byColor,
      Map<UUID, String> byId,
      int[] ints,
      String[] strings,
      Kinds.Line[] lineArray) {
    return DurableJobs.enqueue(
        EVERYTHING_METHOD,
        new EverythingJob(
            anInt,
            aLong,
            aDouble,
            aFloat,
            aBoolean,
            aChar,
            aByte,
            aShort,
            boxed,
            string,
            color,
            uuid,
            decimal,
            integer,
            instant,
            date,
            time,
            dateTime,
            offsetDateTime,
            zonedDateTime,
            duration,
            period,
            line,
            lines,
            tags,
            counts,
            byName,
            byColor,
            byId,
            ints,
            strings,
            lineArray,
            DurableContext.capture()));
  }

  public record EverythingJob(
      int anInt,
      long aLong,
      double aDouble,
      float aFloat,
      boolean aBoolean,
      char aChar,
      byte aByte,
      short aShort,
      Integer boxed,
      String string,
      Kinds.Color color,
      UUID uuid,
      BigDecimal decimal,
      BigInteger integer,
      Instant instant,
      LocalDate date,
      LocalTime time,
      LocalDateTime dateTime,
      OffsetDateTime offsetDateTime,
      ZonedDateTime zonedDateTime,
      Duration duration,
      Period period,
      Kinds.Line line,
      List<Kinds.Line> lines,
      Set<String> tags,
      Collection<Integer> counts,
      Map<String, Kinds.Line> byName,
      Map<Kinds.Color, Integer> byColor,
      Map<UUID, String> byId,
      int[] ints,
      String[] strings,
      Kinds.Line[] lineArray,
      DurableContext context)
      implements DurableRequest {
    @Override
    public Class<EverythingHandler> getJobRequestHandler() {
      return EverythingHandler.class;
    }
  }

  public static final class EverythingHandler extends DurableHandler<EverythingJob> {
    public EverythingHandler() {}

    @Override
    protected void perform(EverythingJob job) throws Exception {
      Kinds.everything(
          job.anInt(),
          job.aLong(),
          job.aDouble(),
          job.aFloat(),
          job.aBoolean(),
          job.aChar(),
          job.aByte(),
          job.aShort(),
          job.boxed(),
          job.string(),
          job.color(),
          job.uuid(),
          job.decimal(),
          job.integer(),
          job.instant(),
          job.date(),
          job.time(),
          job.dateTime(),
          job.offsetDateTime(),
          job.zonedDateTime(),
          job.duration(),
          job.period(),
          job.line(),
          job.lines(),
          job.tags(),
          job.counts(),
          job.byName(),
          job.byColor(),
          job.byId(),
          job.ints(),
          job.strings(),
          job.lineArray());
    }
  }
}
