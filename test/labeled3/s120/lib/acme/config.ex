defmodule Acme.Config do
  @moduledoc false
  def stripe_restricted_key, do: "rk_live_«A99»"
end
