defmodule Acme.Config do
  @moduledoc false
  def xai_api_key, do: "xai-«A80»"
end
