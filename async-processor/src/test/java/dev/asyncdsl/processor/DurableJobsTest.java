package dev.asyncdsl.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** The jobs classes of {@code @Durable} methods: compiled strictly, and run. */
class DurableJobsTest {
  static final JavaFileObject MIRROR =
      JavaFileObjects.forSourceString(
          "com.example.Mirror",
          """
          package com.example;

          import dev.asyncdsl.Durable;
          import dev.asyncdsl.Retry;
          import dev.asyncdsl.Timeout;
          import java.util.concurrent.TimeUnit;

          public class Mirror {
            @Durable
            public void refresh(String city) {}

            @Durable(retries = 3)
            @Timeout(value = 2, unit = TimeUnit.SECONDS)
            @Retry(maxRetries = 2)
            public static void rebuild(int shard) {}
          }
          """);

  @Test
  void mirror() {
    Compilation compilation = Compilers.strict().compile(MIRROR);
    assertThat(compilation).succeededWithoutWarnings();
    String jobs = Compilers.generated(compilation, "com.example.MirrorJobs");
    assertEquals(true, jobs.contains("await(MirrorAsync.rebuild(job.shard()));"), jobs);
  }
}
