mapboxgl.accessToken = 'pk.eyJ1IjoiYWNtZSIsImEiOiJ«A20»In0.«u22»';
