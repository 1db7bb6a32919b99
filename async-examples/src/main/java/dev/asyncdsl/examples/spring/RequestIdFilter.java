package dev.asyncdsl.examples.spring;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives each request an id, in the MDC under {@value #MDC_KEY} while the request's thread serves it
 * and in the {@value #HEADER} response header: the caller's own id when it sent a sensible one,
 * else a fresh one. The twin's calls carry the MDC to their own threads, so their log lines name
 * the request too.
 */
@Component
public class RequestIdFilter extends OncePerRequestFilter {
  /** The MDC key of the request's id. */
  public static final String MDC_KEY = "requestId";

  /** The header a caller may send its id in, and the response names it in. */
  public static final String HEADER = "X-Request-Id";

  private static final Pattern SENSIBLE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String sent = request.getHeader(HEADER);
    String id =
        sent != null && SENSIBLE_ID.matcher(sent).matches() ? sent : UUID.randomUUID().toString();
    response.setHeader(HEADER, id);
    MDC.put(MDC_KEY, id);
    try {
      chain.doFilter(request, response);
    } finally {
      MDC.remove(MDC_KEY);
    }
  }
}
