/* baselines.c — the retry loops logonshim is compared with, written from
 * their published descriptions: the loop services write by hand, plain
 * exponential backoff, the AWS SDKs' "standard" retry mode, and gRPC's retry
 * throttling. The token buckets of (c) and (d) are per client object or per
 * channel in those libraries; here they are shared by all the benchmark's
 * clients, as one process's SDK client or channel would be.
 */
#include <stdint.h>

#include "bench.h"
#include "sim.h"

#define MS_PER_S 1000.0

int baseline_fixed(unsigned client)
{
    for (int attempt = 0; attempt < 4; attempt++) {
        if (authority_call(client) == 0)
            return 1;
        if (attempt < 3)
            sim_sleep(1000);
    }
    return 0;
}

int baseline_exponential(unsigned client)
{
    uint64_t delay = 200;
    for (int attempt = 0; attempt < 4; attempt++) {
        if (authority_call(client) == 0)
            return 1;
        if (attempt < 3) {
            sim_sleep(delay);
            delay = delay * 2 > 5000 ? 5000 : delay * 2;
        }
    }
    return 0;
}

/* AWS standard mode (retry quota of the SDKs' RetryStrategy). */
#define AWS_QUOTA 500
#define AWS_RETRY_COST 5
#define AWS_SUCCESS_INCREMENT 1
#define AWS_MAX_ATTEMPTS 3
#define AWS_MAX_BACKOFF_S 20.0
static int aws_tokens = AWS_QUOTA;

int baseline_aws_standard(unsigned client)
{
    int retried_with_cost = 0;
    for (int attempt = 1;; attempt++) {
        if (authority_call(client) == 0) {
            aws_tokens += retried_with_cost ? AWS_RETRY_COST : AWS_SUCCESS_INCREMENT;
            if (aws_tokens > AWS_QUOTA)
                aws_tokens = AWS_QUOTA;
            return 1;
        }
        if (attempt >= AWS_MAX_ATTEMPTS || aws_tokens < AWS_RETRY_COST)
            return 0;
        aws_tokens -= AWS_RETRY_COST;
        retried_with_cost = 1;
        double ceiling = (double)(1u << (attempt - 1));
        if (ceiling > AWS_MAX_BACKOFF_S)
            ceiling = AWS_MAX_BACKOFF_S;
        sim_sleep((uint64_t)(bench_jitter(client) * ceiling * MS_PER_S));
    }
}

/* gRPC retryPolicy + retryThrottling {maxTokens: 10, tokenRatio: 0.1}. */
#define GRPC_MAX_TOKENS 10.0
#define GRPC_TOKEN_RATIO 0.1
#define GRPC_MAX_ATTEMPTS 4
static double grpc_tokens = GRPC_MAX_TOKENS;

int baseline_grpc(unsigned client)
{
    double backoff_ms = 200;
    for (int attempt = 1;; attempt++) {
        if (authority_call(client) == 0) {
            grpc_tokens += GRPC_TOKEN_RATIO;
            if (grpc_tokens > GRPC_MAX_TOKENS)
                grpc_tokens = GRPC_MAX_TOKENS;
            return 1;
        }
        grpc_tokens -= 1.0;
        if (grpc_tokens < 0)
            grpc_tokens = 0;
        if (attempt >= GRPC_MAX_ATTEMPTS || grpc_tokens <= GRPC_MAX_TOKENS / 2)
            return 0;
        sim_sleep((uint64_t)(bench_jitter(client) * backoff_ms));
        backoff_ms = backoff_ms * 2 > 5000 ? 5000 : backoff_ms * 2;
    }
}

void baselines_reset(void)
{
    aws_tokens = AWS_QUOTA;
    grpc_tokens = GRPC_MAX_TOKENS;
}
