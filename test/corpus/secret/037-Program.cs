namespace Acme;

public static class Secrets
{
    public const string AnthropicApiKey = "sk-ant-api03-lJKX5f9W2aaqYOFGjR6NQz05rq_uhFZvAX2lwMDdsNnLkrNNxLzKAYRuxRW_Pc5mrzNqTccBr485LeVS0MZyH2xAKo2X8AA";
}
