package dev.asyncdsl.spring.boot.example;

import dev.asyncdsl.spring.boot.app.Mirror;
import dev.asyncdsl.spring.boot.app.MirrorAsync;
import java.util.concurrent.CompletableFuture;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A small web application with a twin, as a user writes it: nothing declares the twin. */
@SpringBootApplication
public class ExampleApplication {
  @Bean
  Mirror mirror() {
    return new Mirror("example");
  }

  /** Answers with the twin's future; Spring MVC completes the response when it completes. */
  @RestController
  static class EchoController {
    private final MirrorAsync mirror;

    EchoController(MirrorAsync mirror) {
      this.mirror = mirror;
    }

    @GetMapping("/echo/{text}")
    CompletableFuture<String> echo(@PathVariable("text") String text) {
      return mirror.echo(text);
    }
  }
}
