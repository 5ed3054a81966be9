<?php

class CheckApiKey
{
    public function handle($request, Closure $next)
    {
        if (!hash_equals(config('services.api.key'), (string) $request->header('X-Api-Key'))) {
            abort(401);
        }
        return $next($request);
    }
}
