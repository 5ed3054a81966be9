defmodule Acme.Config do
  @moduledoc false
  def service_password, do: "<token>"
end
