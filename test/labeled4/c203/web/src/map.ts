mapboxgl.accessToken = "pk.eyJ1IjoiYWNtZSIsImEiOiJ«u22»In0.«u22»";
