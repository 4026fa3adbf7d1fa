package dev.vigil.collector.events;

import dev.vigil.collector.config.EventsConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The receivers' HTTP route, {@code POST <vigil.events.receiver.path>/<provider>} (and {@code GET}, for a
 * provider's one-time check of the URL): a Vert.x route rather than a
 * REST resource, so that its prefix is configuration and the body limit holds while the body arrives (a larger
 * body is refused with 413, not buffered). It passes the raw bytes on untouched, since they are what providers sign;
 * everything else is {@link HookEdge}'s.
 */
@ApplicationScoped
public class HookRoutes {
    void register(@Observes Router router, HookEdge edge, EventsConfig.Receiver config) {
        router.post(HookEdge.basePath(config.path()) + "/:provider")
                .handler(BodyHandler.create(false).setBodyLimit(edge.maxBodyBytes()))
                .blockingHandler(ctx -> {
                    Buffer body = ctx.body().buffer();
                    Map<String, String> headers = new HashMap<>();
                    ctx.request().headers().forEach(h -> headers.putIfAbsent(h.getKey(), h.getValue()));
                    Map<String, String> query = new HashMap<>();
                    ctx.queryParams().forEach(q -> query.putIfAbsent(q.getKey(), q.getValue()));
                    answer(ctx, edge.receive(ctx.pathParam("provider"), headers, query,
                            body == null ? new byte[0] : body.getBytes(), Instant.now()));
                }, false)
                .failureHandler(ctx -> {
                    // BodyHandler: a Content-Length above the limit, before the body is read, or a body growing past it
                    if (ctx.statusCode() == 413) {
                        answer(ctx, edge.tooLarge(ctx.pathParam("provider")));
                    } else {
                        ctx.next();
                    }
                });
        // a provider's one-time check of the URL (Okta's event hook verification); no body is read
        router.get(HookEdge.basePath(config.path()) + "/:provider").blockingHandler(ctx -> {
            Map<String, String> headers = new HashMap<>();
            ctx.request().headers().forEach(h -> headers.putIfAbsent(h.getKey(), h.getValue()));
            HookEdge.Answer answer = edge.challenge(ctx.pathParam("provider"), headers, Instant.now());
            answer(ctx, answer, answer.status() == 200 ? "application/json" : "text/plain; charset=utf-8");
        }, false);
    }

    private static void answer(RoutingContext ctx, HookEdge.Answer answer) {
        answer(ctx, answer, "text/plain; charset=utf-8");
    }

    private static void answer(RoutingContext ctx, HookEdge.Answer answer, String contentType) {
        if (ctx.response().ended()) {
            return;
        }
        // nosniff: a validation answer repeats the sender's text, which must stay text
        ctx.response().setStatusCode(answer.status()).putHeader("Content-Type", contentType)
                .putHeader("X-Content-Type-Options", "nosniff").end(answer.message());
    }
}
