package dev.asyncdsl.jobrunr.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import org.jobrunr.utils.mapper.JsonMapper;
import org.jobrunr.utils.mapper.jackson.JacksonJsonMapper;

/** The JSON mapper durable jobs are stored with. */
public final class JsonMappers {
  private JsonMappers() {}

  /**
   * JobRunr's Jackson 2 mapper, set so that every argument type a durable method accepts reads back
   * equal to what was written: decimals keep their digits (JobRunr reads arguments through a tree,
   * where a decimal would otherwise become a double), and dates with an offset or a zone keep it
   * instead of being moved to UTC.
   *
   * @return a new mapper
   */
  public static JsonMapper jackson() {
    ObjectMapper objectMapper =
        new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .enable(SerializationFeature.WRITE_DATES_WITH_ZONE_ID)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
    return new JacksonJsonMapper(objectMapper);
  }
}
