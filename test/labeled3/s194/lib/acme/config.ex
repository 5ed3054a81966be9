defmodule Acme.Config do
  @moduledoc false
  def discord_bot_token, do: "«discord»"
end
