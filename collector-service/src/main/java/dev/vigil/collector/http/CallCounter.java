package dev.vigil.collector.http;

import dev.vigil.collector.spi.ApiCalls;
import okhttp3.Interceptor;
import okhttp3.Response;

import java.io.IOException;

/** Innermost: counts every answer that came over the network (each retry attempt too) into the run's tally. */
final class CallCounter implements Interceptor {
    private final ApiCalls calls;

    CallCounter(ApiCalls calls) {
        this.calls = calls;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        calls.record(response.code(), response::header);
        return response;
    }
}
