package dev.asyncdsl.jobrunr.sample;

import dev.asyncdsl.Durable;
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
import java.util.concurrent.atomic.AtomicReference;

/** One parameter of every kind of argument a durable method accepts. */
public class Kinds {
  /** A colour: an enum argument and map key. */
  public enum Color {
    RED,
    GREEN
  }

  /**
   * An order line: a record argument, nested.
   *
   * @param sku the article
   * @param quantity how many
   * @param colors its colours
   */
  public record Line(String sku, int quantity, List<Color> colors) {}

  /** The arguments the worker received, in parameter order. */
  public static final AtomicReference<Object[]> RECEIVED = new AtomicReference<>();

  /** Records its arguments. */
  @Durable
  public static void everything(
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
      Color color,
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
      Line line,
      List<Line> lines,
      Set<String> tags,
      Collection<Integer> counts,
      Map<String, Line> byName,
      Map<Color, Integer> byColor,
      Map<UUID, String> byId,
      int[] ints,
      String[] strings,
      Line[] lineArray) {
    RECEIVED.set(
        new Object[] {
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
          lineArray
        });
  }
}
